-- Histogram of the best score of each file-1 record that has a scored candidate.
SELECT least(floor(score / $width), $bins - 1) AS bin, count(*) AS records
FROM best_candidate_1
GROUP BY bin
ORDER BY bin;
