import type { MeetingResolvers, StandingResolvers } from '../generated/graphql';

export const Meeting: MeetingResolvers = {
  title: (meeting) => ({ vi: meeting.titleVi, en: meeting.titleEn }),
  convenedBy: (meeting, _args, { loaders }) => (meeting.convenedById ? loaders.organization.load(meeting.convenedById) : null),
  sequence: (meeting) => (meeting.sequenceVi ? { vi: meeting.sequenceVi, en: meeting.sequenceEn } : null),
};

export const Standing: StandingResolvers = {
  subject: (standing) => ({ vi: standing.subjectVi, en: standing.subjectEn }),
  note: (standing) => (standing.noteVi ? { vi: standing.noteVi, en: standing.noteEn } : null),
  setBy: (standing, _args, { loaders }) => (standing.setById ? loaders.programme.load(standing.setById) : null),
  statement: (standing) => ({ vi: standing.statementVi, en: standing.statementEn }),
};
