"""Rule segments' rules: a tree of groups and conditions (:mod:`model`), the fields a data set offers
(:mod:`fields`), evaluation over whole columns (:mod:`evaluate`), sentences (:mod:`describe`) and pure
edits (:mod:`edit`)."""
