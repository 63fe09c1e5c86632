import { useSyncExternalStore } from 'react';
import { connectionState, subscribeConnection } from '../api/connection.ts';
import { getSession, subscribeSession } from '../api/session.ts';

export const useSession = () => useSyncExternalStore(subscribeSession, getSession);
export const useConnection = () => useSyncExternalStore(subscribeConnection, connectionState);
