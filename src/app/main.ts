import './signet-app.ts';
