-- page_order_{name}: the pairs of sel_{name} numbered in page order (best score first, then
-- row ids), so that a page far from the top is read by its numbers instead of sorting the
-- whole result again. A temporary table that the connection keeps until the selection
-- changes (pages.read).
CREATE OR REPLACE TEMP TABLE page_order_{name} AS
SELECT row_number() OVER (ORDER BY score DESC, r1, r2) AS k, r1, r2, score
FROM sel_{name};
