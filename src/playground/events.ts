// The trace event protocol lives with the playgrounds, which print it (and copy it when a playground is
// materialised); the site imports it from here. One file, so the protocol cannot drift between the two.
export * from '../../playgrounds/_shared/events.ts';
