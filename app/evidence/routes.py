"""Pages of the evidence package: the dashboard for coordinators of a region, its CSV export,
the capacity form, and the open figures for everyone.

A region the coordinator does not coordinate answers 404, so that nobody learns about it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.accounts.models import Region
from app.accounts.policy import acts_in_region
from app.core.db import utcnow
from app.core.downloads import csv_attachment
from app.core.forms import choices
from app.core.i18n import current_locale
from app.core.permissions import Role, require
from app.core.views import render_form
from app.evidence import queries, services
from app.evidence.disclosure import THRESHOLD
from app.evidence.forms import CapacityForm
from app.evidence.models import CAPACITY_KIND_LABELS, CapacityKind
from app.extensions import db
from app.profiles.models import LEVEL_LABELS

bp = Blueprint("evidence", __name__)


def today() -> date:
    return utcnow().date()


def readable_region(region_id: int) -> Region:
    region = queries.get_region(region_id)
    if region is None or not acts_in_region(current_user, region.id):
        abort(404)
    return region


@bp.get("/evidence/")
@require(Role.COORDINATOR)
def index() -> Response | tuple[str, int]:
    regions = queries.list_dashboard_regions(current_user)
    if len(regions) == 1:
        return redirect(url_for("evidence.dashboard", region_id=regions[0].id))
    return render_template("evidence/index.html", regions=regions), 200


@bp.get("/evidence/<int:region_id>")
@require(Role.COORDINATOR)
def dashboard(region_id: int) -> tuple[str, int]:
    region = readable_region(region_id)
    evidence = queries.build_evidence(region, today(), current_locale())
    return render_template(
        "evidence/dashboard.html",
        evidence=evidence,
        kind_labels=CAPACITY_KIND_LABELS,
        level_labels=LEVEL_LABELS,
        today=today(),
    ), 200


def csv_rows(evidence: queries.Evidence) -> list[list[Any]]:
    rows: list[list[Any]] = [["region", "section", "item", "need", "recorded", "offered"]]
    name = evidence.region.name
    rows += [
        [name, "german_course", r.key, r.need, r.recorded, ""] for r in evidence.language_rows()
    ]
    rows += [[name, "places", r.key, r.need, r.recorded, r.offered] for r in evidence.place_rows()]
    rows += [[name, "ages", age, n, "", ""] for age, n in sorted(evidence.needs.child_ages.items())]
    rows += [[name, "occupation", label, n, "", ""] for label, n in evidence.job_rows()]
    rows += [
        [name, "mentor_wait_days_up_to", b or "more", n, "", ""] for b, n in evidence.wait_rows()
    ]
    rows += [[name, "matched_per_month", m, n, "", ""] for m, n in evidence.matched_per_month]
    for part, needs, recorded in evidence.parts:
        counts = queries.open_counts(needs)
        rows += [[part.name, "municipality", key, value, "", ""] for key, value in counts.items()]
        rows += [
            [part.name, "recorded", kind, value, "", ""] for kind, value in sorted(recorded.items())
        ]
    return rows


@bp.get("/evidence/<int:region_id>.csv")
@require(Role.COORDINATOR)
def export(region_id: int) -> Response:
    region = readable_region(region_id)
    evidence = queries.build_evidence(region, today(), current_locale())
    return csv_attachment(csv_rows(evidence), f"evidence-{region.id}-{today().isoformat()}.csv")


@bp.route("/evidence/capacity", methods=["GET", "POST"])
@require(Role.COORDINATOR)
def capacity() -> tuple[str, int] | Response:
    form = CapacityForm(today=today(), recorded_on=today())
    regions = {r.id: r for r in queries.list_regions_for_entry(current_user)}
    form.region.choices = choices((r.id, r.name) for r in regions.values())
    if form.validate_on_submit():
        region = regions[form.region.data]
        services.record_capacity(
            current_user,
            region,
            kind=CapacityKind(form.kind.data),
            places=form.places.data,
            recorded_on=form.recorded_on.data,
            note=form.note.data,
        )
        db.session.commit()
        flash(_("The figure was saved."), "success")
        top = region.parent_id if region.parent_id in regions else region.id
        return redirect(url_for("evidence.dashboard", region_id=top))
    return render_form("evidence/capacity.html", form)


@bp.get("/figures")
def open_figures() -> tuple[str, int]:
    return render_template(
        "evidence/figures.html",
        tables=queries.cached_open_tables(today()),
        columns=queries.OPEN_COLUMNS,
        threshold=THRESHOLD,
        today=today(),
    ), 200
