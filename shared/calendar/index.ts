// Calendars: official working days, the school calendar, ISO weeks.
export * from './workdays';
export * from './school';
export * from './weeks';
