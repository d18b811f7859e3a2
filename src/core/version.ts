/** linkvet's version, replaced at build time from package.json. */
export const version: string = typeof __LINKVET_VERSION__ === 'string' ? __LINKVET_VERSION__ : '0.0.0-dev';

declare const __LINKVET_VERSION__: string | undefined;
