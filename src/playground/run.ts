// The orchestrator lives with the playgrounds, whose standalone `npm start` runs through it too; the site
// imports it from here. One file, so the page, the tests, the recorder and a download run in the same order.
export * from '../../playgrounds/_shared/run.ts';
