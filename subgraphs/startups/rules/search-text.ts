import { searchText } from '../../kernel/platform/text';

/**
 * What each record's `search_text` column holds. The seed and the writers both call these,
 * so a record created or edited through the API is found exactly like a seeded one.
 */

export function hubSearchText(hub: {
  nameVi: string;
  nameEn?: string | null;
  aliases?: readonly string[] | null;
  district?: string | null;
  address?: string | null;
}): string {
  return searchText(hub.nameVi, hub.nameEn, ...(hub.aliases ?? []), hub.district, hub.address);
}

export function startupSearchText(startup: { name: string; registrationCode: string; district?: string | null }): string {
  return searchText(startup.name, startup.registrationCode, startup.district);
}

export function projectSearchText(project: { titleVi: string; titleEn?: string | null; team?: ReadonlyArray<{ name: string }> | null }): string {
  return searchText(project.titleVi, project.titleEn, ...(project.team ?? []).map((member) => member.name));
}

/** A cohort is found by its own name and its hub's Vietnamese name. */
export function cohortSearchText(cohortName: string, hubNameVi: string): string {
  return searchText(cohortName, hubNameVi);
}
