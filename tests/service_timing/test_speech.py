from __future__ import annotations

import pytest

from service_timing.speech import call_announcement, spoken_queue_number, terbilang


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "nol"),
        (3, "tiga"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (12, "dua belas"),
        (20, "dua puluh"),
        (45, "empat puluh lima"),
        (100, "seratus"),
        (120, "seratus dua puluh"),
        (999, "sembilan ratus sembilan puluh sembilan"),
        (1000, "seribu"),
        (2024, "dua ribu dua puluh empat"),
    ],
)
def test_terbilang(number: int, words: str) -> None:
    assert terbilang(number) == words


def test_the_call_reads_as_the_waiting_room_expects() -> None:
    assert call_announcement("B-012", 3) == "Nomor antrian B nol dua belas, silakan ke loket tiga"
    assert spoken_queue_number("P-105") == "P seratus lima"
