/** The directories of the npm packages that `modules` (file paths, as bundlers report them) come from. */
export declare function packageDirectories(modules: Iterable<string>): Set<string>;
/** The notices file for the packages in `dirs`; `what` names the bundle in its first line. */
export declare function noticesMarkdown(what: string, dirs: Iterable<string>): string;
