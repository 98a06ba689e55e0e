// Activation: the extension starts only when a YAML file is opened (activationEvents: onLanguage:yaml), and
// its language server then reports findings for it.
import * as assert from 'assert';
import { extension, openFixture, waitForCode } from './helpers';

describe('activation', () => {
  it('is not active before a YAML file is opened', () => {
    assert.strictEqual(extension().isActive, false, 'activated before any YAML file was opened');
  });

  it('activates on a YAML file and its server reports findings', async () => {
    const doc = await openFixture('deployment.yaml');
    assert.strictEqual(doc.languageId, 'yaml');
    await waitForCode(doc.uri, 'readiness-probe-missing');
    assert.strictEqual(extension().isActive, true);
  });
});
