/** Scores, 红黑榜, 排名历史 and sanctions: the pure core the publish job and the publication sheet call. */

export * from './history';
export * from './month';
export * from './quarter';
export * from './ranking';
export * from './rules';
