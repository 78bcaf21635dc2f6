import type { Admin } from '@/lib/auth/admin';

/** The administrator the tests act as: lib functions that change something record it as the actor. */
export const TEST_ADMIN: Admin = Object.freeze({ id: 'test-admin', username: 'tester', role: 'administrator' });
