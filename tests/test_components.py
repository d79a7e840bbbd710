"""UI pieces on their own, with AppTest.from_function: each takes data and a key."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def test_assumption_inputs_return_only_positive_figures() -> None:
    def app() -> None:
        import datetime as dt

        import streamlit as st

        from components.views.scenario import assumption_inputs
        from db.contract.validate import validate_folder
        from tests.conftest import MINI

        dataset = validate_folder(MINI, today=dt.date(2026, 11, 27)).dataset
        from db.numbers.totals import compute_totals

        totals = compute_totals(dataset, dt.date(2025, 5, 1))
        st.session_state["out"] = assumption_inputs(list(totals.unquantified))

    at = AppTest.from_function(app).run()
    assert at.session_state["out"] == {}
    at.number_input(key="assume_GBR").set_value(2500).run()
    assert at.session_state["out"] == {"GBR": 2500}


def test_as_of_notice() -> None:
    def app() -> None:
        import datetime as dt

        import streamlit as st

        from components.widgets import as_of_notice

        st.session_state["early"] = as_of_notice(
            dt.date(2025, 1, 1), dt.date(2026, 1, 1), dt.date(2025, 3, 17)
        )

    at = AppTest.from_function(app).run()
    assert at.session_state["early"] is False
    assert at.warning[0].value.startswith("No statements on or before 1 January 2025")
