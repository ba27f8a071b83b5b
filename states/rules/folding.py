"""Text folded for search: no accents, no case ("Gà đồi" and "ga DOI" fold alike)."""

import unicodedata


def fold_for_search(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def product_search_text(product: str, producer: str) -> str:
    return fold_for_search(f"{product} {producer}")
