import type { Route } from '../route.js';
import { activityRoutes } from './activities.js';
import { articleRoutes } from './articles.js';
import { auditRoutes } from './audit.js';
import { checkInRoutes } from './check-in.js';
import { complianceRoutes } from './compliance.js';
import { docsRoutes } from './docs.js';
import { equipmentRoutes } from './equipment.js';
import { nominationRoutes } from './nominations.js';
import { pageRoutes } from './pages.js';
import { paperRecordRoutes } from './paper-records.js';
import { planRoutes } from './plans.js';
import { readingRoutes } from './reading.js';
import { recognitionRoutes } from './recognition.js';
import { registrationRoutes } from './registrations.js';
import { reportRoutes } from './reports.js';
import { residentRoutes } from './residents.js';
import { rotationRoutes } from './rotations.js';
import { seriesRoutes } from './series.js';
import { studyRoutes } from './study.js';

/** The one route table: it feeds the router, the OpenAPI document, the authorization tests and the CDK routes. */
export const routes: readonly Route[] = [
  ...residentRoutes,
  ...planRoutes,
  ...activityRoutes,
  ...registrationRoutes,
  ...articleRoutes,
  ...complianceRoutes,
  ...nominationRoutes,
  ...recognitionRoutes,
  ...reportRoutes,
  ...paperRecordRoutes,
  ...checkInRoutes,
  ...seriesRoutes,
  ...studyRoutes,
  ...rotationRoutes,
  ...equipmentRoutes,
  ...readingRoutes,
  ...auditRoutes,
  ...pageRoutes,
  ...docsRoutes(() => routes),
];
