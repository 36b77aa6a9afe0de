"""Your data, your rights: the export of everything held about a person, and erasure (GDPR
Art. 15, 17, 20). Which rows belong to a person is decided once, in ``catalogue``, for every
foreign key in the metadata; ``graph`` walks it."""
