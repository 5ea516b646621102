-- Records in an accepted pair take part in no other pair ({sides}).
DELETE FROM pool
WHERE {condition};
