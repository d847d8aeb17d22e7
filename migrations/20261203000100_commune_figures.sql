-- A retrained model version's figures on the commune's own labelled examples (each scored by a
-- cross-validation model that did not learn it), beside the shipped model's on the same examples:
-- {"examples","version":{"flag_f1","category_micro_f1","polarity_acc"},"shipped":{…}}. NULL for a
-- version trained without any of the commune's examples, or before this column.
ALTER TABLE model_versions ADD COLUMN commune_figures jsonb;
