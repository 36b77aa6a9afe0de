"""Knowledge base: articles and answers for authorities and people, in several languages."""
