"""A second factor at login: TOTP (RFC 6238) with single-use recovery codes.

Staff who read case files must use it; everybody else may opt in. The login completes only in
``flow.finish_login`` once the second step is passed (or, for staff without a factor yet, with
the account held at the enrolment page by ``routes.gate`` until they have one).
"""
