import type { SourceType } from '../db/schema.js';
import type { Collector } from './collector.js';
import { facebookCollector } from './facebook.collector.js';
import { rssCollector } from './rss.collector.js';
import { webCollector } from './web.collector.js';

/** Collectors by source type. Manual reports have no collector: they arrive through the API. */
export const collectors: Partial<Record<SourceType, Collector<unknown>>> = {
  rss: rssCollector as Collector<unknown>,
  facebook_page: facebookCollector as Collector<unknown>,
  web_page: webCollector as Collector<unknown>,
};
