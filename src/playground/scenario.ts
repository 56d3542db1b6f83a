// Scheduling and process rules live with the playgrounds, whose load client and launcher run them; the site and
// the runners import them from here. One file, so a scenario means the same thing everywhere.
export * from '../../playgrounds/_shared/scenario.ts';
