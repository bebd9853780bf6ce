import type { HubFigureResolvers } from '../generated/graphql';

export const HubFigure: HubFigureResolvers = {
  measure: (figure) => ({ vi: figure.measureVi, en: figure.measureEn }),
  statement: (figure) => ({ vi: figure.statementVi, en: figure.statementEn }),
};
