import { defineFeature } from '../app/defineFeature';
import {
  artisanOrderPlaced,
  artisanRegistered,
  customerOrderPlaced,
  deliveryNoticeSent,
  designPublished,
  platingLineConfigured,
  siteStationRegistered,
} from './events';

/** The platform's reference data (artisans, designs, lines, stations, orders, notices): facts only the upstream makes. */
export const referenceFeature = defineFeature({
  name: 'reference',
  events: [artisanRegistered, designPublished, platingLineConfigured, siteStationRegistered, artisanOrderPlaced, deliveryNoticeSent, customerOrderPlaced],
});
