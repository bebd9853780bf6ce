import type { DataThemeResolvers } from '../generated/graphql';

export const DataTheme: DataThemeResolvers = {
  name: (theme) => ({ vi: theme.nameVi, en: theme.nameEn }),
};
