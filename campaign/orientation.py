"""EXIF orientations: turning stored pixels upright, and finding an upright box in them."""

from PIL import Image

Box = tuple[float, float, float, float]  # left, top, right, bottom

# Orientation n: how the stored pixels are turned to be seen upright (as ImageOps.exif_transpose).
TRANSPOSE_FOR_ORIENTATION = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
SWAPPING_ORIENTATIONS = {5, 6, 7, 8}  # stored a quarter turn away: width and height swap


def upright(image: Image.Image, orientation: int) -> Image.Image:
    """The stored image turned as its orientation says (itself when it needs no turn)."""
    method = TRANSPOSE_FOR_ORIENTATION.get(orientation)
    return image if method is None else image.transpose(method)


def upright_size(stored_size: tuple[int, int], orientation: int) -> tuple[int, int]:
    """The size of the stored pixels once turned upright."""
    return stored_size[::-1] if orientation in SWAPPING_ORIENTATIONS else stored_size


def stored_box(box: Box, size: tuple[int, int], orientation: int) -> Box:
    """Where a box of the upright picture (of upright size) lies in its stored pixels."""
    left, top, right, bottom = box
    width, height = size
    return {
        2: (width - right, top, width - left, bottom),
        3: (width - right, height - bottom, width - left, height - top),
        4: (left, height - bottom, right, height - top),
        5: (top, left, bottom, right),
        6: (top, width - right, bottom, width - left),
        7: (height - bottom, width - right, height - top, width - left),
        8: (height - bottom, left, height - top, right),
    }.get(orientation, box)
