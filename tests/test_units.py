"""Answer units: sentences of a passage and the clause windows of a long sentence."""
from __future__ import annotations

from assistant.units import WINDOW_MAX, units_of

# Circular No. 48, task iii: one 480-character sentence whose enumeration of trainees starts 100 characters in.
TRAIN = ("iii. Train personnel for the implementation of the national standards; develop a training plan, rely on "
         "the IP educational and training resources of different provinces to organize relevant administrative "
         "officers, persons in charge of the implementation of the national standards in enterprises, and competent "
         "staff of the service agencies to attend the training and examination, and cultivate a group of "
         "professionals who know the work of implementing the national standards well and are familiar with the process.")


def test_a_window_holds_a_whole_enumeration():
    windows = [u.text for u in units_of(0, TRAIN) if u.parent is not None]
    assert windows and all(len(w) <= WINDOW_MAX for w in windows)
    # Some window quotes all three kinds of trainee with what they are sent to, not just the last two.
    assert any("administrative officers" in w and "competent staff" in w and w.endswith("training and examination")
               for w in windows)


def test_windows_are_exact_slices_of_their_sentence():
    for u in units_of(3, "Intro line.\n" + TRAIN):
        assert ("Intro line.\n" + TRAIN)[u.start:u.end] == u.text and u.hit == 3
