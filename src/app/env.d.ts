/** The build's identity (a timestamp unless BUILD_ID is set), shown in diagnostics. */
declare const __BUILD_ID__: string;
