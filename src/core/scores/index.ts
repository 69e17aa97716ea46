/** Scores, 红黑榜, 排名历史 and sanctions: the pure core the publish job and the publication sheet call. */
export * from './rules';
export * from './month';
export * from './ranking';
export * from './history';
export * from './quarter';
