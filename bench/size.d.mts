/** Gzip bytes a page loads at once (`initial`) and lazily (`lazy`) for the given entry source. */
export function measure(source: string, name: string): Promise<{ name: string; initial: number; lazy: number }>;
export function measureAll(): Promise<Array<{ name: string; initial: number; lazy: number }>>;
export const SOCIAL_PAGE_BUDGET: number;
export const SOCIAL_ELEMENTS: string[];
