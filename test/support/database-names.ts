// Test databases are named with this prefix; destructive helpers refuse any other name.
export const TEST_DATABASE_PREFIX = 'maslahat_test_';
export const TEMPLATE_DATABASE = `${TEST_DATABASE_PREFIX}template`;
