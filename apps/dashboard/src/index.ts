export { DashboardModule } from './dashboard.module';
export { signInLink } from './sign-in-link';
export { findWebRoot } from './static/web-root';
