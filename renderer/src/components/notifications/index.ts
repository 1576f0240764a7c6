export { NotificationHistoryButton, Toasts } from './notifications';
export { useNotificationStore, type AppNotification, type NotificationKind } from './notification-store';
export { NotificationBridge } from './notification-bridge';
