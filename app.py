"""The dashboard: who pledges what to the multinational force for Ukraine, against the target."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components.data import NoData, get_dataset
from components.figures import range_chart, status_counts_chart
from db.contract import STATUS_LABELS, STATUSES
from db.totals import compute_totals

st.set_page_config(page_title="Coalition pledge dashboard", layout="wide")

try:
    dataset = get_dataset()
except NoData as exc:
    st.error(exc.message)
    for problem in exc.problems:
        st.text(problem)
    st.stop()

coalition = dataset.coalition
totals = compute_totals(dataset, dt.date.today())

st.title(coalition.name)
st.caption(coalition.description)

stated, target, leads, as_of = st.columns(4)
stated.metric("Stated troops (low–high)", f"{totals.low:,}–{totals.high:,}")
target.metric("Target cited by officials", f"{totals.target_min:,}–{totals.target_max:,}")
leads.metric("Lead nations", ", ".join(p.name for p in totals.leads) or "none")
as_of.metric("Data as of", totals.data_as_of.isoformat() if totals.data_as_of else "no data")

st.plotly_chart(range_chart(totals), width="stretch", key="range")

st.subheader("Countries per status")
for column, status in zip(st.columns(len(STATUSES)), STATUSES, strict=True):
    column.metric(STATUS_LABELS[status], totals.counts[status])
st.plotly_chart(status_counts_chart(totals), width="stretch", key="counts")
