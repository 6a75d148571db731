// Run by the mongodb-init Job with `mongosh --nodb`. Idempotent: safe to run again after every apply.
//   1. waits for every member, initiates replica set rs0 once (members from MONGODB_HOSTS);
//   2. waits for a primary;
//   3. for each database in KITOS_DATABASES creates (or updates the password and roles of) the user <database> with
//      readWrite on that database only, password from <DATABASE>_MONGODB_PASSWORD.
// Without MONGODB_ROOT_USERNAME (dev overlay: no authentication) step 3 is skipped.
const hosts = (process.env.MONGODB_HOSTS || '').split(',').map((h) => h.trim()).filter(Boolean);
const rootUser = process.env.MONGODB_ROOT_USERNAME || '';
const rootPassword = process.env.MONGODB_ROOT_PASSWORD || '';
const databases = (process.env.KITOS_DATABASES || '').split(/[\s,]+/).filter(Boolean);
if (!hosts.length) throw new Error('MONGODB_HOSTS is empty');

function adminDb(uri) {
  const admin = new Mongo(uri).getDB('admin');
  if (rootUser) admin.auth(rootUser, rootPassword);
  return admin;
}

function retry(what, action) {
  for (let attempt = 1; ; attempt++) {
    try {
      return action();
    } catch (error) {
      if (attempt >= 200) throw error;
      print(`waiting for ${what}: ${error.message}`);
      sleep(3000);
    }
  }
}

const direct = (host) => `mongodb://${host}/?directConnection=true&serverSelectionTimeoutMS=5000`;
const first = retry(hosts[0], () => adminDb(direct(hosts[0])));
const status = first.runCommand({ replSetGetStatus: 1 });
if (status.ok !== 1 && status.codeName === 'NotYetInitialized') {
  hosts.slice(1).forEach((host) => retry(host, () => adminDb(direct(host)).runCommand({ ping: 1 })));
  const members = hosts.map((host, i) => ({ _id: i, host }));
  printjson(first.runCommand({ replSetInitiate: { _id: 'rs0', members } }));
} else if (status.ok !== 1) {
  throw new Error(`replSetGetStatus: ${status.errmsg}`);
}

const admin = retry('a primary', () => {
  const db = adminDb(`mongodb://${hosts.join(',')}/?replicaSet=rs0&serverSelectionTimeoutMS=5000`);
  if (!db.hello().isWritablePrimary) throw new Error('no primary yet');
  return db;
});

if (!rootUser) {
  print('no MONGODB_ROOT_USERNAME: authentication is off, no users created');
} else {
  for (const database of databases) {
    const variable = `${database.toUpperCase()}_MONGODB_PASSWORD`;
    const pwd = process.env[variable];
    if (!pwd) throw new Error(`${variable} is not set (Secret mongodb-service-users)`);
    const roles = [{ role: 'readWrite', db: database }];
    if (admin.getUser(database)) admin.updateUser(database, { pwd, roles });
    else admin.createUser({ user: database, pwd, roles });
    print(`user ${database}: readWrite on ${database}`);
  }
}
print('mongodb-init done');
