/** Where the API lives: the same origin by default (the server also serves this app at /play/). */
export const API_BASE: string = (import.meta.env.VITE_API_BASE as string | undefined) ?? '';
