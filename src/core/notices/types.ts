/**
 * The vocabulary of notices (整改通知 / 督办), shared by the planner, the digests and the log.
 *
 * The ladder of the speeches: "凡被市创文办下达整改通知两次未达到整改要求的，在全市通报批评；对三次
 * 未达到整改要求的……对其党政主要领导进行约谈". A reminder (临期提醒) comes before a deadline; a
 * 整改通知 (督办) when it has passed. In 督办记录 the levels 通报批评 and 约谈 name the 通报 and the
 * 约谈 (its proposal and its 约谈通知), documents about a unit, not notices of a task's ladder.
 */
import type { Day } from '../calendar/day';
import type { MessageKey } from '../i18n';

export type NoticeLevel = 'reminder' | 'notice' | 'criticism' | 'interview';

/** Most urgent last: a digest's level is its most urgent notice's. */
export const LEVEL_RANK: Record<NoticeLevel, number> = { reminder: 0, notice: 1, criticism: 2, interview: 3 };

export const LEVEL_WORD: Record<NoticeLevel, MessageKey> = {
  reminder: 'level.reminder',
  notice: 'level.notice',
  criticism: 'level.criticism',
  interview: 'level.interview',
};

/** Why a person gets a notice: the lead unit's contact, its head or leader, or a co-unit's contact. */
export type RecipientRole = 'contact' | 'head' | 'leader' | 'support';

/** One task's notice (or reminder) as it appears in a digest. */
export interface TaskNotice {
  /** The task's key (系统编号). */
  key: string;
  /** 1-based sheet row, for the link to the row. */
  row: number;
  /** The lead unit, as the directory names it (or as typed when it is not there). */
  unit: string;
  /** The units that support the task (配合单位). */
  coUnits: string[];
  task: string;
  /** 点位: where the problem is, when the ledger says. */
  place: string;
  /** 问题来源 and 整改要求, when the ledger has those columns. */
  source?: string;
  requirement?: string;
  /** The deadline in force, as read. */
  deadline: Day | undefined;
  daysOverdue: number;
  level: NoticeLevel;
  /** 第几次督办: 1 for the first notice; 0 for a reminder. */
  ordinal: number;
  /** 督办〔2026〕第12号; '' for a reminder. */
  number: string;
  /** 整改限期: the day the unit must have rectified and reported by; none for a reminder. */
  replyBy?: Day;
  /** The notices given before on the ladder of this deadline, oldest first: a repeat notice cites them. */
  earlier?: EarlierNotice[];
  /** Past the 通报批评 count: the unit is criticised for it, and the notice goes to its head as well. */
  escalated?: boolean;
}

/** A 整改通知 given before for the same task and deadline, as the log has it. */
export interface EarlierNotice {
  number: string;
  /** The day it was first given. */
  givenOn: Day;
  /** Its 整改限期. */
  replyBy: Day | undefined;
  /** 未达到整改要求: its 限期 passed with the task neither 待验收 nor 已销号 (logged as an event). */
  failed: boolean;
}

/**
 * A unit that reached 通报批评 today (凡被下达整改通知两次未达到整改要求的，在全市通报批评): the
 * tasks whose failed notices brought it there, each with its notices (earlier) to cite. A task is
 * in one 通报 only: the log's row of level 通报批评 with the task's key says it was.
 */
export interface CircularCase {
  unit: string;
  tasks: TaskNotice[];
}

/**
 * A unit that reached 约谈 today (三次未达到整改要求): proposed to a person in 约谈安排, never sent
 * by itself. Its head and supervising leader as the directory names them, and the tasks (each with
 * its failed notices in earlier). A task is proposed once: the log's row of level 约谈 with its key says it was.
 */
export interface Interview {
  unit: string;
  head: string;
  leader: string;
  tasks: TaskNotice[];
}

/** A unit's part of a digest: the tasks it leads, or the tasks it supports. */
export interface DigestSection {
  unit: string;
  role: 'lead' | 'support';
  notices: TaskNotice[];
}

/** One mail to one person on one day: every section for every unit they answer for. */
export interface DigestPlan {
  /** The document's number (a unit's 整改通知 of the day); '' for a mail of reminders only. */
  number: string;
  to: string;
  /** The person's name from the directory, when known. */
  toName: string;
  sections: DigestSection[];
}

export interface ComposedMail {
  to: string;
  subject: string;
  /** Plain text: every cell value literally. */
  body: string;
  /** HTML: every cell value escaped. */
  htmlBody: string;
}
