"""Calls as the waiting room hears them: "Nomor antrian B nol dua belas, silakan ke loket tiga"."""

from __future__ import annotations

import re

_UNITS = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]


def terbilang(number: int) -> str:
    """An integer 0–9999 in Indonesian words."""
    if number < 0 or number > 9999:
        raise ValueError(number)
    if number < 10:
        return _UNITS[number]
    if number == 10:
        return "sepuluh"
    if number == 11:
        return "sebelas"
    if number < 20:
        return f"{_UNITS[number - 10]} belas"
    if number < 100:
        tens, rest = divmod(number, 10)
        return f"{_UNITS[tens]} puluh" + (f" {_UNITS[rest]}" if rest else "")
    if number < 1000:
        hundreds, rest = divmod(number, 100)
        head = "seratus" if hundreds == 1 else f"{_UNITS[hundreds]} ratus"
        return head + (f" {terbilang(rest)}" if rest else "")
    thousands, rest = divmod(number, 1000)
    head = "seribu" if thousands == 1 else f"{_UNITS[thousands]} ribu"
    return head + (f" {terbilang(rest)}" if rest else "")


def spoken_queue_number(queue_number: str) -> str:
    """ "B-012" → "B nol dua belas": the letter, each leading zero, then the number."""
    match = re.match(r"^([A-Z])-?(\d+)$", queue_number)
    if not match:
        return queue_number
    letter, digits = match.groups()
    zeros = len(digits) - len(digits.lstrip("0"))
    rest = int(digits) if digits.strip("0") else None
    words = ["nol"] * (zeros if rest is not None else max(zeros, 1))
    if rest is not None:
        words.append(terbilang(rest))
    return " ".join([letter, *words])


def call_announcement(queue_number: str, counter_number: int) -> str:
    return (
        f"Nomor antrian {spoken_queue_number(queue_number)}, "
        f"silakan ke loket {terbilang(counter_number)}"
    )
