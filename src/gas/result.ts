/** What a job reports: to the menu (a toast), to the log, and to the local runner's run.json. */
export interface JobResult {
  job: string;
  ok: boolean;
  /** One sentence for a person. */
  message: string;
  counts: Record<string, number>;
  /** Each problem found, located: "《任务台账》F7 (整改时限): …". */
  warnings: string[];
  /** Mails sent by the job (recipient and subject), for the record. */
  mails: { to: string; subject: string }[];
}

export function emptyResult(job: string): JobResult {
  return { job, ok: true, message: '', counts: {}, warnings: [], mails: [] };
}
