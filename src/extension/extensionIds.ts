// Identifiers shared by the extension's parts.

export const NOTEBOOK_TYPE = 'stressnb';
export const SCENARIO_LANGUAGE = 'stressnb-scenario';
export const CONTROLLER_ID = 'stressnb.kernel';
export const SCENARIO_SELECTOR = { language: SCENARIO_LANGUAGE } as const;
/** Cells of a view (the run history) carry this in their metadata: they show, they do not run, and are never stale. */
export const VIEW_METADATA_KEY = 'stressnbView';
