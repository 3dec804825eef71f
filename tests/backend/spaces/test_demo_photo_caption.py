"""The demo's generated photos write the place's name with its accents, never an empty box
(issue 16 item 10: Pillow's default font has no « é »)."""

from PIL import Image, ImageDraw

from ostal.spaces.demo import photo_caption

MISSING = "\u4e00"  # a glyph no Latin font has: drawn as the font's « missing » box


def _drawn(font: object, text: str) -> bytes:
    image = Image.new("L", (120, 60), 0)
    ImageDraw.Draw(image).text((5, 5), text, fill=255, font=font)  # type: ignore[arg-type]
    return image.tobytes()


def test_every_letter_of_an_accented_name_is_drawn_as_a_letter() -> None:
    text, font = photo_caption("Pépinière d'Élne, Gîte & Forêt", size=26)
    missing = _drawn(font, MISSING)
    boxes = [char for char in text if char != " " and _drawn(font, char) == missing]
    assert boxes == []
    assert text.startswith(("Pépinière", "Pepiniere"))
