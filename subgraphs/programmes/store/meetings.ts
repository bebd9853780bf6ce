import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../kernel/platform/db';
import * as schema from '../db/schema';
import type { MeetingModel, StandingModel } from '../models';

type ProgrammesDb = Db<typeof schema>;

/** The meetings the sources report, oldest first. */
export function listMeetings(db: ProgrammesDb): Promise<MeetingModel[]> {
  return db.select().from(schema.meetings).orderBy(asc(schema.meetings.heldOn), asc(schema.meetings.id));
}

/** Reported standings and targets (or one kind), by kind, then year (undated last), then id. */
export function listStandings(db: ProgrammesDb, kind: StandingModel['kind'] | null | undefined): Promise<StandingModel[]> {
  return db
    .select()
    .from(schema.standings)
    .where(kind ? eq(schema.standings.kind, kind) : undefined)
    .orderBy(asc(schema.standings.kind), asc(schema.standings.year), asc(schema.standings.id));
}
