"""The expected answer of every route with an object id, per variant and identity.

``{(endpoint, method): {variant: {"*": default code, code: "identity identity …"}}}``; see
tests/app/test_object_matrix.py for the world, the variants and the identities. Read as: everyone
gets the "*" code except the identities named under another code.

Codes: 302 for anonymous (to the login page), 403 for a role the route is not for, 404 for an
object the identity may not know of (outside its regions, another person's), 200 for a page,
302 after an action, 400/422 for a permitted request whose form is (deliberately) invalid.

Consent and profiles follow findings 1 and 4 of issue 11: for a person with their own account
("own") no coordinator records or withdraws consent or edits the profile (403); the organisation
holding one of her grants (A) still reads the consent page. A grant recorded on behalf of a person
kept on behalf (a, ab, b) is withdrawn by a coordinator keeping that person, whichever
organisation holds it: that person has no other way to withdraw.

The data of people kept on behalf (privacy.*_on_behalf) needs every section of the case file;
no coordinator in this world holds all of them, hence 403 (404 outside the regions).

Bookings ("cross": a slot of an advice offer in Meppen booked by a person living in Bramsche) are
kept with the offer's coordinators (B) like ratings: the person chose an offer in B's region, and
B runs that offer's appointments. Matches, which the engine or a coordinator proposes, need both
sides.
"""

from __future__ import annotations

EXPECTED: dict[tuple[str, str], dict[str, dict[int | str, str]]] = {
    ("casefile.access_on_behalf", "GET"): {
        "a": {"*": "403", 200: "coord_a coord_a2", 302: "anonymous", 404: "coord_b"},
        "ab": {"*": "403", 200: "coord_a coord_a2 coord_b", 302: "anonymous"},
        "b": {"*": "403", 200: "coord_b", 302: "anonymous", 404: "coord_a coord_a2"},
        "own": {"*": "403", 200: "coord_a coord_a2", 302: "anonymous"},
    },
    ("casefile.access_on_behalf", "POST"): {
        "a": {"*": "403", 302: "anonymous", 404: "coord_b", 422: "coord_a coord_a2"},
        "ab": {"*": "403", 302: "anonymous", 422: "coord_a coord_a2 coord_b"},
        "b": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2", 422: "coord_b"},
        "own": {"*": "403", 302: "anonymous"},
    },
    ("casefile.add_entry", "GET"): {
        "a": {"*": "403", 200: "coord_a coord_a2", 302: "anonymous", 404: "coord_b"},
        "ab": {"*": "403", 200: "coord_a coord_a2", 302: "anonymous", 404: "coord_b"},
        "b": {"*": "403", 200: "coord_b", 302: "anonymous", 404: "coord_a coord_a2"},
        "own": {"*": "403", 200: "coord_a coord_a2", 302: "anonymous", 404: "coord_b"},
    },
    ("casefile.add_entry", "POST"): {
        "a": {"*": "403", 302: "anonymous", 404: "coord_b", 422: "coord_a coord_a2"},
        "ab": {"*": "403", 302: "anonymous", 404: "coord_b", 422: "coord_a coord_a2"},
        "b": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2", 422: "coord_b"},
        "own": {"*": "403", 302: "anonymous", 404: "coord_b", 422: "coord_a coord_a2"},
    },
    ("casefile.audit_trail", "GET"): {
        "a": {"*": "403", 200: "coord_a coord_a2", 302: "anonymous", 404: "coord_b"},
        "ab": {"*": "403", 200: "coord_a coord_a2", 302: "anonymous", 404: "coord_b"},
        "b": {"*": "403", 200: "coord_b", 302: "anonymous", 404: "coord_a coord_a2"},
        "own": {"*": "403", 200: "coord_a coord_a2", 302: "anonymous", 404: "coord_b"},
    },
    ("casefile.correct_entry", "GET"): {
        "a": {"*": "403", 200: "coord_a coord_a2", 302: "anonymous", 404: "coord_b"},
        "ab": {"*": "403", 200: "coord_a coord_a2", 302: "anonymous", 404: "coord_b"},
        "b": {"*": "403", 200: "coord_b", 302: "anonymous", 404: "coord_a coord_a2"},
        "own": {"*": "403", 200: "coord_a coord_a2", 302: "anonymous", 404: "coord_b"},
    },
    ("casefile.correct_entry", "POST"): {
        "a": {"*": "403", 302: "anonymous coord_a", 404: "coord_b", 422: "coord_a2"},
        "ab": {"*": "403", 302: "anonymous coord_a", 404: "coord_b", 422: "coord_a2"},
        "b": {"*": "403", 302: "anonymous coord_b", 404: "coord_a coord_a2"},
        "own": {"*": "403", 302: "anonymous coord_a", 404: "coord_b", 422: "coord_a2"},
    },
    ("casefile.document_pdf", "GET"): {
        "a": {"*": "403", 302: "anonymous", 404: "coord_b"},
        "ab": {"*": "403", 302: "anonymous", 404: "coord_b"},
        "b": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2"},
        "own": {"*": "403", 302: "anonymous", 404: "coord_b"},
    },
    ("casefile.document_status", "GET"): {
        "a": {"*": "403", 302: "anonymous", 404: "coord_b"},
        "ab": {"*": "403", 302: "anonymous", 404: "coord_b"},
        "b": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2"},
        "own": {"*": "403", 302: "anonymous", 404: "coord_b"},
    },
    ("casefile.file_documents", "GET"): {
        "a": {"*": "403", 302: "anonymous", 404: "coord_b"},
        "ab": {"*": "403", 302: "anonymous", 404: "coord_b"},
        "b": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2"},
        "own": {"*": "403", 302: "anonymous", 404: "coord_b"},
    },
    ("casefile.file_documents", "POST"): {
        "a": {"*": "403", 302: "anonymous", 404: "coord_b"},
        "ab": {"*": "403", 302: "anonymous", 404: "coord_b"},
        "b": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2"},
        "own": {"*": "403", 302: "anonymous", 404: "coord_b"},
    },
    ("casefile.my_document_pdf", "GET"): {
        "a": {"*": "404", 302: "anonymous"},
        "ab": {"*": "404", 302: "anonymous"},
        "b": {"*": "404", 302: "anonymous"},
        "own": {"*": "404", 200: "refugee", 302: "anonymous"},
    },
    ("casefile.my_document_status", "GET"): {
        "a": {"*": "404", 302: "anonymous"},
        "ab": {"*": "404", 302: "anonymous"},
        "b": {"*": "404", 302: "anonymous"},
        "own": {"*": "404", 200: "refugee", 302: "anonymous"},
    },
    ("casefile.my_withdraw", "POST"): {
        "a": {"*": "404", 302: "anonymous"},
        "ab": {"*": "404", 302: "anonymous"},
        "b": {"*": "404", 302: "anonymous"},
        "own": {"*": "404", 302: "anonymous refugee"},
    },
    ("casefile.overview", "GET"): {
        "a": {"*": "403", 200: "coord_a coord_a2", 302: "anonymous", 404: "coord_b"},
        "ab": {"*": "403", 200: "coord_a coord_a2", 302: "anonymous", 404: "coord_b"},
        "b": {"*": "403", 200: "coord_b", 302: "anonymous", 404: "coord_a coord_a2"},
        "own": {"*": "403", 200: "coord_a coord_a2", 302: "anonymous", 404: "coord_b"},
    },
    ("casefile.report", "GET"): {
        "a": {"*": "403", 302: "anonymous", 404: "coord_b"},
        "ab": {"*": "403", 302: "anonymous", 404: "coord_b"},
        "b": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2"},
        "own": {"*": "403", 302: "anonymous", 404: "coord_b"},
    },
    ("casefile.section", "GET"): {
        "a": {"*": "403", 302: "anonymous", 404: "coord_b"},
        "ab": {"*": "403", 302: "anonymous", 404: "coord_b"},
        "b": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2"},
        "own": {"*": "403", 302: "anonymous", 404: "coord_b"},
    },
    ("casefile.withdraw_on_behalf", "POST"): {
        "a": {"*": "403", 302: "anonymous coord_a coord_a2", 404: "coord_b"},
        "ab": {"*": "403", 302: "anonymous coord_a coord_a2 coord_b"},
        "b": {"*": "403", 302: "anonymous coord_b", 404: "coord_a coord_a2"},
        "own": {"*": "403", 302: "anonymous"},
    },
    ("evidence.dashboard", "GET"): {
        "north": {"*": "403", 200: "coord_a coord_a2", 302: "anonymous", 404: "coord_b"},
        "south": {"*": "403", 200: "coord_b", 302: "anonymous", 404: "coord_a coord_a2"},
        "a": {"*": "403", 200: "coord_a coord_a2", 302: "anonymous", 404: "coord_b"},
        "ab": {"*": "403", 200: "coord_a coord_a2 coord_b", 302: "anonymous"},
        "b": {"*": "403", 200: "coord_b", 302: "anonymous", 404: "coord_a coord_a2"},
    },
    ("evidence.export", "GET"): {
        "north": {"*": "403", 200: "coord_a coord_a2", 302: "anonymous", 404: "coord_b"},
        "south": {"*": "403", 200: "coord_b", 302: "anonymous", 404: "coord_a coord_a2"},
        "a": {"*": "403", 200: "coord_a coord_a2", 302: "anonymous", 404: "coord_b"},
        "ab": {"*": "403", 200: "coord_a coord_a2 coord_b", 302: "anonymous"},
        "b": {"*": "403", 200: "coord_b", 302: "anonymous", 404: "coord_a coord_a2"},
    },
    ("knowledge.article", "GET"): {
        "public@A": {"*": "200"},
        "internal@A": {"*": "404", 200: "coord_a coord_a2 coord_b admin admin2"},
        "draft@A": {"*": "404", 200: "coord_a coord_a2 coord_b admin admin2"},
        "public@B": {"*": "200"},
        "internal@B": {"*": "404", 200: "coord_a coord_a2 coord_b admin admin2"},
        "draft@B": {"*": "404", 200: "coord_a coord_a2 coord_b admin admin2"},
    },
    ("knowledge.change_status", "POST"): {
        "public@A": {"*": "403", 302: "anonymous", 400: "coord_a coord_a2 admin admin2"},
        "internal@A": {"*": "403", 302: "anonymous", 400: "coord_a coord_a2 admin admin2"},
        "draft@A": {"*": "403", 302: "anonymous", 400: "coord_a coord_a2 admin admin2"},
        "public@B": {"*": "403", 302: "anonymous", 400: "coord_b admin admin2"},
        "internal@B": {"*": "403", 302: "anonymous", 400: "coord_b admin admin2"},
        "draft@B": {"*": "403", 302: "anonymous", 400: "coord_b admin admin2"},
    },
    ("knowledge.edit", "GET"): {
        "public@A": {"*": "403", 200: "coord_a coord_a2 admin admin2", 302: "anonymous"},
        "internal@A": {"*": "403", 200: "coord_a coord_a2 admin admin2", 302: "anonymous"},
        "draft@A": {"*": "403", 200: "coord_a coord_a2 admin admin2", 302: "anonymous"},
        "public@B": {"*": "403", 200: "coord_b admin admin2", 302: "anonymous"},
        "internal@B": {"*": "403", 200: "coord_b admin admin2", 302: "anonymous"},
        "draft@B": {"*": "403", 200: "coord_b admin admin2", 302: "anonymous"},
    },
    ("knowledge.edit", "POST"): {
        "public@A": {"*": "403", 302: "anonymous", 422: "coord_a coord_a2 admin admin2"},
        "internal@A": {"*": "403", 302: "anonymous", 422: "coord_a coord_a2 admin admin2"},
        "draft@A": {"*": "403", 302: "anonymous", 422: "coord_a coord_a2 admin admin2"},
        "public@B": {"*": "403", 302: "anonymous", 422: "coord_b admin admin2"},
        "internal@B": {"*": "403", 302: "anonymous", 422: "coord_b admin admin2"},
        "draft@B": {"*": "403", 302: "anonymous", 422: "coord_b admin admin2"},
    },
    ("knowledge.feedback", "POST"): {
        "public@A": {"*": "400"},
        "internal@A": {"*": "404", 400: "coord_a coord_a2 coord_b admin admin2"},
        "draft@A": {"*": "404", 400: "coord_a coord_a2 coord_b admin admin2"},
        "public@B": {"*": "400"},
        "internal@B": {"*": "404", 400: "coord_a coord_a2 coord_b admin admin2"},
        "draft@B": {"*": "404", 400: "coord_a coord_a2 coord_b admin admin2"},
    },
    ("knowledge.history", "GET"): {
        "public@A": {"*": "403", 200: "coord_a coord_a2 coord_b admin admin2", 302: "anonymous"},
        "internal@A": {"*": "403", 200: "coord_a coord_a2 coord_b admin admin2", 302: "anonymous"},
        "draft@A": {"*": "403", 200: "coord_a coord_a2 coord_b admin admin2", 302: "anonymous"},
        "public@B": {"*": "403", 200: "coord_a coord_a2 coord_b admin admin2", 302: "anonymous"},
        "internal@B": {"*": "403", 200: "coord_a coord_a2 coord_b admin admin2", 302: "anonymous"},
        "draft@B": {"*": "403", 200: "coord_a coord_a2 coord_b admin admin2", 302: "anonymous"},
    },
    ("matches.answer", "POST"): {
        "own": {"*": "404", 302: "anonymous refugee mentor"},
    },
    ("matches.approve", "POST"): {
        "a": {"*": "403", 302: "anonymous coord_a coord_a2", 404: "coord_b"},
        "ab": {"*": "403", 302: "anonymous coord_a coord_a2 coord_b"},
        "b": {"*": "403", 302: "anonymous coord_b", 404: "coord_a coord_a2"},
        "cross": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2 coord_b"},
    },
    ("matches.end", "POST"): {
        "own": {"*": "404", 302: "anonymous refugee mentor coord_a coord_a2 coord_b"},
        "a": {"*": "404", 302: "anonymous mentor coord_a coord_a2"},
        "ab": {"*": "404", 302: "anonymous mentor coord_a coord_a2 coord_b"},
        "b": {"*": "404", 302: "anonymous mentor coord_b"},
        "cross": {"*": "404", 302: "anonymous mentor"},
    },
    ("matches.read", "POST"): {
        "own": {"*": "404", 302: "anonymous refugee"},
    },
    # The seeker of each proposal is kept on behalf: a coordinator of both sides records their
    # answer; the mentor has an account and answers herself (409, with the message saying so).
    ("matches.record_answer", "GET"): {
        "a": {"*": "403", 200: "coord_a coord_a2", 302: "anonymous", 404: "coord_b"},
        "ab": {"*": "403", 200: "coord_a coord_a2 coord_b", 302: "anonymous"},
        "b": {"*": "403", 200: "coord_b", 302: "anonymous", 404: "coord_a coord_a2"},
        "cross": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2 coord_b"},
        "mentor": {"*": "403", 302: "anonymous", 404: "coord_b", 409: "coord_a coord_a2"},
    },
    ("matches.record_answer", "POST"): {
        "a": {"*": "403", 302: "anonymous", 404: "coord_b", 422: "coord_a coord_a2"},
        "ab": {"*": "403", 302: "anonymous", 422: "coord_a coord_a2 coord_b"},
        "b": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2", 422: "coord_b"},
        "cross": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2 coord_b"},
        "mentor": {"*": "403", 302: "anonymous", 404: "coord_b", 409: "coord_a coord_a2"},
    },
    ("matches.reject", "GET"): {
        "a": {"*": "403", 200: "coord_a coord_a2", 302: "anonymous", 404: "coord_b"},
        "ab": {"*": "403", 200: "coord_a coord_a2 coord_b", 302: "anonymous"},
        "b": {"*": "403", 200: "coord_b", 302: "anonymous", 404: "coord_a coord_a2"},
        "cross": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2 coord_b"},
    },
    ("matches.reject", "POST"): {
        "a": {"*": "403", 302: "anonymous", 404: "coord_b", 422: "coord_a coord_a2"},
        "ab": {"*": "403", 302: "anonymous", 422: "coord_a coord_a2 coord_b"},
        "b": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2", 422: "coord_b"},
        "cross": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2 coord_b"},
    },
    ("matches.replace", "GET"): {
        "a": {"*": "403", 200: "coord_a coord_a2", 302: "anonymous", 404: "coord_b"},
        "ab": {"*": "403", 200: "coord_a coord_a2 coord_b", 302: "anonymous"},
        "b": {"*": "403", 200: "coord_b", 302: "anonymous", 404: "coord_a coord_a2"},
        "cross": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2 coord_b"},
    },
    ("matches.replace", "POST"): {
        "a": {"*": "403", 302: "anonymous", 404: "coord_b", 422: "coord_a coord_a2"},
        "ab": {"*": "403", 302: "anonymous", 422: "coord_a coord_a2 coord_b"},
        "b": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2", 422: "coord_b"},
        "cross": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2 coord_b"},
    },
    ("matches.replace_person", "GET"): {
        "a": {"*": "403", 200: "coord_a coord_a2", 302: "anonymous", 404: "coord_b"},
        "ab": {"*": "403", 200: "coord_a coord_a2 coord_b", 302: "anonymous"},
        "b": {"*": "403", 200: "coord_b", 302: "anonymous", 404: "coord_a coord_a2"},
        "cross": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2 coord_b"},
    },
    ("matches.replace_person", "POST"): {
        "a": {"*": "403", 302: "anonymous", 404: "coord_b", 422: "coord_a coord_a2"},
        "ab": {"*": "403", 302: "anonymous", 422: "coord_a coord_a2 coord_b"},
        "b": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2", 422: "coord_b"},
        "cross": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2 coord_b"},
    },
    ("matches.round_detail", "GET"): {
        "north": {"*": "403", 200: "coord_a coord_a2", 302: "anonymous", 404: "coord_b"},
        "south": {"*": "403", 200: "coord_b", 302: "anonymous", 404: "coord_a coord_a2"},
    },
    ("matches.round_result", "GET"): {
        "north": {"*": "403", 200: "coord_a coord_a2", 302: "anonymous", 404: "coord_b"},
        "south": {"*": "403", 200: "coord_b", 302: "anonymous", 404: "coord_a coord_a2"},
    },
    ("matches.round_status", "GET"): {
        "north": {"*": "403", 200: "coord_a coord_a2", 302: "anonymous", 404: "coord_b"},
        "south": {"*": "403", 200: "coord_b", 302: "anonymous", 404: "coord_a coord_a2"},
    },
    ("offers.book", "POST"): {
        "a": {"*": "403", 302: "anonymous refugee refugee2"},
        "ab": {"*": "403", 302: "anonymous refugee refugee2"},
        "b": {"*": "403", 302: "anonymous refugee refugee2"},
    },
    ("offers.booking_ics", "GET"): {
        "a": {"*": "404", 200: "refugee adviser coord_a coord_a2", 302: "anonymous"},
        "ab": {"*": "404", 200: "refugee adviser coord_a coord_a2 coord_b", 302: "anonymous"},
        "b": {"*": "404", 200: "refugee adviser coord_b", 302: "anonymous"},
        "cross": {"*": "404", 200: "refugee2 adviser coord_b", 302: "anonymous"},
    },
    ("offers.booking_page", "GET"): {
        "a": {"*": "404", 200: "refugee adviser coord_a coord_a2", 302: "anonymous"},
        "ab": {"*": "404", 200: "refugee adviser coord_a coord_a2 coord_b", 302: "anonymous"},
        "b": {"*": "404", 200: "refugee adviser coord_b", 302: "anonymous"},
        "cross": {"*": "404", 200: "refugee2 adviser coord_b", 302: "anonymous"},
    },
    ("offers.cancel_booking", "POST"): {
        "a": {"*": "404", 302: "anonymous refugee adviser coord_a coord_a2"},
        "ab": {"*": "404", 302: "anonymous refugee adviser coord_a coord_a2 coord_b"},
        "b": {"*": "404", 302: "anonymous refugee adviser coord_b"},
        "cross": {"*": "404", 302: "anonymous refugee2 adviser coord_b"},
    },
    ("offers.change_status", "POST"): {
        "a": {"*": "404", 302: "anonymous employer coord_a coord_a2"},
        "ab": {"*": "404", 302: "anonymous employer coord_a coord_a2 coord_b"},
        "b": {"*": "404", 302: "anonymous employer coord_b"},
    },
    ("offers.delete_offer", "GET"): {
        "a": {"*": "404", 200: "employer coord_a coord_a2", 302: "anonymous"},
        "ab": {"*": "404", 200: "employer coord_a coord_a2 coord_b", 302: "anonymous"},
        "b": {"*": "404", 200: "employer coord_b", 302: "anonymous"},
    },
    ("offers.delete_offer", "POST"): {
        "a": {"*": "404", 302: "anonymous employer coord_a coord_a2"},
        "ab": {"*": "404", 302: "anonymous employer coord_a coord_a2 coord_b"},
        "b": {"*": "404", 302: "anonymous employer coord_b"},
    },
    ("offers.detail", "GET"): {
        "a": {"*": "200"},
        "ab": {"*": "200"},
        "b": {"*": "200"},
    },
    ("offers.edit_advice", "GET"): {
        "a": {"*": "404", 200: "adviser coord_a coord_a2", 302: "anonymous"},
        "ab": {"*": "404", 200: "adviser coord_a coord_a2 coord_b", 302: "anonymous"},
        "b": {"*": "404", 200: "adviser coord_b", 302: "anonymous"},
    },
    ("offers.edit_advice", "POST"): {
        "a": {"*": "404", 302: "anonymous", 422: "adviser coord_a coord_a2"},
        "ab": {"*": "404", 302: "anonymous", 422: "adviser coord_a coord_a2 coord_b"},
        "b": {"*": "404", 302: "anonymous", 422: "adviser coord_b"},
    },
    ("offers.edit_offer", "GET"): {
        "a": {"*": "404", 200: "employer coord_a coord_a2", 302: "anonymous"},
        "ab": {"*": "404", 200: "employer coord_a coord_a2 coord_b", 302: "anonymous"},
        "b": {"*": "404", 200: "employer coord_b", 302: "anonymous"},
    },
    ("offers.edit_offer", "POST"): {
        "a": {"*": "404", 302: "anonymous", 422: "employer coord_a coord_a2"},
        "ab": {"*": "404", 302: "anonymous", 422: "employer coord_a coord_a2 coord_b"},
        "b": {"*": "404", 302: "anonymous", 422: "employer coord_b"},
    },
    ("offers.new_request_on_behalf", "GET"): {
        "a": {"*": "403", 200: "coord_a coord_a2", 302: "anonymous", 404: "coord_b"},
        "ab": {"*": "403", 200: "coord_a coord_a2 coord_b", 302: "anonymous"},
        "b": {"*": "403", 200: "coord_b", 302: "anonymous", 404: "coord_a coord_a2"},
        "own": {"*": "403", 302: "anonymous"},
    },
    ("offers.new_request_on_behalf", "POST"): {
        "a": {"*": "403", 302: "anonymous", 404: "coord_b", 422: "coord_a coord_a2"},
        "ab": {"*": "403", 302: "anonymous", 422: "coord_a coord_a2 coord_b"},
        "b": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2", 422: "coord_b"},
        "own": {"*": "403", 302: "anonymous"},
    },
    ("offers.request_detail", "GET"): {
        "a": {
            "*": "403",
            200: "coord_a coord_a2",
            302: "anonymous",
            404: "refugee refugee2 coord_b",
        },
        "ab": {
            "*": "403",
            200: "coord_a coord_a2 coord_b",
            302: "anonymous",
            404: "refugee refugee2",
        },
        "b": {
            "*": "403",
            200: "coord_b",
            302: "anonymous",
            404: "refugee refugee2 coord_a coord_a2",
        },
        "own": {
            "*": "403",
            200: "refugee coord_a coord_a2 coord_b",
            302: "anonymous",
            404: "refugee2",
        },
    },
    ("offers.show_interest", "POST"): {
        "a": {"*": "403", 302: "anonymous refugee refugee2"},
        "ab": {"*": "403", 302: "anonymous refugee refugee2"},
        "b": {"*": "403", 302: "anonymous refugee refugee2"},
    },
    ("offers.slots", "GET"): {
        "a": {"*": "404", 200: "adviser coord_a coord_a2", 302: "anonymous"},
        "ab": {"*": "404", 200: "adviser coord_a coord_a2 coord_b", 302: "anonymous"},
        "b": {"*": "404", 200: "adviser coord_b", 302: "anonymous"},
    },
    ("offers.slots", "POST"): {
        "a": {"*": "404", 302: "anonymous", 422: "adviser coord_a coord_a2"},
        "ab": {"*": "404", 302: "anonymous", 422: "adviser coord_a coord_a2 coord_b"},
        "b": {"*": "404", 302: "anonymous", 422: "adviser coord_b"},
    },
    ("offers.withdraw", "POST"): {
        "a": {"*": "403", 302: "anonymous", 404: "refugee refugee2"},
        "ab": {"*": "403", 302: "anonymous", 404: "refugee refugee2"},
        "b": {"*": "403", 302: "anonymous", 404: "refugee refugee2"},
        "own": {"*": "403", 302: "anonymous refugee", 404: "refugee2"},
    },
    ("privacy.erase_on_behalf", "GET"): {
        "a": {"*": "403", 302: "anonymous", 404: "coord_b"},
        "ab": {"*": "403", 302: "anonymous", 404: "coord_b"},
        "b": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2"},
        "own": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2 coord_b"},
    },
    ("privacy.erase_on_behalf", "POST"): {
        "a": {"*": "403", 302: "anonymous", 404: "coord_b"},
        "ab": {"*": "403", 302: "anonymous", 404: "coord_b"},
        "b": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2"},
        "own": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2 coord_b"},
    },
    ("privacy.export_on_behalf", "GET"): {
        "a": {"*": "403", 302: "anonymous", 404: "coord_b"},
        "ab": {"*": "403", 302: "anonymous", 404: "coord_b"},
        "b": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2"},
        "own": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2 coord_b"},
    },
    ("privacy.on_behalf", "GET"): {
        "a": {"*": "403", 302: "anonymous", 404: "coord_b"},
        "ab": {"*": "403", 302: "anonymous", 404: "coord_b"},
        "b": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2"},
        "own": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2 coord_b"},
    },
    ("profiles.certificate_file", "GET"): {
        "a": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2 coord_b"},
        "ab": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2 coord_b"},
        "b": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2 coord_b"},
        "own": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2 coord_b"},
    },
    ("profiles.confirm_certificate", "POST"): {
        "a": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2 coord_b"},
        "ab": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2 coord_b"},
        "b": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2 coord_b"},
        "own": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2 coord_b"},
    },
    ("profiles.edit_person", "GET"): {
        "a": {"*": "403", 200: "coord_a coord_a2", 302: "anonymous", 404: "coord_b"},
        "ab": {"*": "403", 200: "coord_a coord_a2 coord_b", 302: "anonymous"},
        "b": {"*": "403", 200: "coord_b", 302: "anonymous", 404: "coord_a coord_a2"},
        "own": {"*": "403", 302: "anonymous"},
    },
    ("profiles.edit_person", "POST"): {
        "a": {"*": "403", 302: "anonymous", 404: "coord_b", 422: "coord_a coord_a2"},
        "ab": {"*": "403", 302: "anonymous", 422: "coord_a coord_a2 coord_b"},
        "b": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2", 422: "coord_b"},
        "own": {"*": "403", 302: "anonymous"},
    },
    ("profiles.person_detail", "GET"): {
        "a": {"*": "403", 200: "coord_a coord_a2", 302: "anonymous", 404: "coord_b"},
        "ab": {"*": "403", 200: "coord_a coord_a2 coord_b", 302: "anonymous"},
        "b": {"*": "403", 200: "coord_b", 302: "anonymous", 404: "coord_a coord_a2"},
        "own": {"*": "403", 200: "coord_a coord_a2 coord_b", 302: "anonymous"},
    },
    ("privacy.ask_pdf_on_behalf", "POST"): {
        "a": {"*": "403", 302: "anonymous", 404: "coord_b"},
        "ab": {"*": "403", 302: "anonymous", 404: "coord_b"},
        "b": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2"},
        "own": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2 coord_b"},
    },
    ("privacy.pdf_mine", "GET"): {
        "a": {"*": "404", 302: "anonymous"},
        "ab": {"*": "404", 302: "anonymous"},
        "b": {"*": "404", 302: "anonymous"},
        "own": {"*": "404", 200: "refugee", 302: "anonymous"},
    },
    ("privacy.pdf_on_behalf", "GET"): {
        "a": {"*": "403", 302: "anonymous", 404: "coord_b"},
        "ab": {"*": "403", 302: "anonymous", 404: "coord_b"},
        "b": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2"},
        "own": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2 coord_b"},
    },
    ("privacy.pdf_status_mine", "GET"): {
        "a": {"*": "404", 302: "anonymous"},
        "ab": {"*": "404", 302: "anonymous"},
        "b": {"*": "404", 302: "anonymous"},
        "own": {"*": "404", 200: "refugee", 302: "anonymous"},
    },
    ("privacy.pdf_status_on_behalf", "GET"): {
        "a": {"*": "403", 302: "anonymous", 404: "coord_b"},
        "ab": {"*": "403", 302: "anonymous", 404: "coord_b"},
        "b": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2"},
        "own": {"*": "403", 302: "anonymous", 404: "coord_a coord_a2 coord_b"},
    },
}
