// Facts about the language that every editor adapter needs and that are not built-in names: its
// identifier, file extension, and the characters after which completion and signature help open.

/** The language id of VS Code, LSP documents and Monaco; also the fence of code blocks in hovers. */
export const LANGUAGE_ID = 'batch-autoscale';

export const FILE_EXTENSIONS: readonly string[] = ['.autoscale'];

/** `$` starts a service variable, `.` a sample method or timestamp member. */
export const COMPLETION_TRIGGER_CHARACTERS: readonly string[] = ['$', '.'];

export const SIGNATURE_HELP_TRIGGER_CHARACTERS: readonly string[] = ['(', ','];

/** Typing these while signature help is open moves it on (or closes it). */
export const SIGNATURE_HELP_RETRIGGER_CHARACTERS: readonly string[] = [')'];
