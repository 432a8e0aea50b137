import { defineFeature } from '../app/defineFeature';
import { userProcedures } from './contract';
import { userAdded, userChanged, userDisabled, userLocked, userPinReset } from './events';
import { userHandlers } from './handlers';

export const usersFeature = defineFeature({
  name: 'users',
  procedures: userProcedures,
  handlers: () => userHandlers,
  events: [userAdded, userChanged, userPinReset, userDisabled, userLocked],
});
