import { test, expect, Page } from './fixtures';
import { appReady, expectNoAxeViolations, listedNames, showFilters, watchForeignRequests } from './helpers';

/** Shows the map: beside the list on wide screens, by the switch on phones. */
async function showMap(page: Page) {
  const mapButton = page.getByRole('button', { name: 'Map', exact: true });
  if (await mapButton.isVisible()) await mapButton.click();
  await expect(page.locator('.results-map .map')).toHaveAttribute('data-state', 'ready');
}

/** Colleges on the map: each cluster counted by its number, plus single markers. */
async function markersOnMap(page: Page, selector = '.results-map .map'): Promise<number> {
  return page.evaluate((sel) => {
    const map = document.querySelector(sel)!;
    let total = 0;
    for (const n of map.querySelectorAll('.college-cluster span[aria-hidden="true"]')) total += Number(n.textContent);
    return total + map.querySelectorAll('.leaflet-marker-icon:not(.college-cluster):not(.map-place)').length;
  }, selector);
}

async function listedCount(page: Page): Promise<number> {
  const text = await page.getByRole('status').filter({ hasText: 'found' }).innerText();
  return text.startsWith('No') ? 0 : Number(text.split(' ')[0].replace(/,/g, ''));
}

test('the map shows the same colleges as the list, and follows the filters', async ({ page, baseURL }) => {
  const foreign = watchForeignRequests(page, baseURL!);
  await page.goto('/colleges');
  await appReady(page);
  await showMap(page);
  await expect(page.getByRole('status').filter({ hasText: 'found' })).toHaveText('120 colleges found');
  await expect.poll(() => markersOnMap(page)).toBe(120);
  // Clusters carry a text label for screen readers.
  const label = await page.locator('.college-cluster .visually-hidden').first().textContent();
  expect(label).toMatch(/^Cluster of \d+ colleges near .+\. Press Enter to zoom in\.$/);
  await expectNoAxeViolations(page);

  await showFilters(page);
  await page.getByLabel('Country').selectOption({ label: 'Japan' });
  await expect(page.getByRole('status').filter({ hasText: 'found' })).toHaveText('8 colleges found');
  await expect.poll(() => markersOnMap(page)).toBe(8);

  await page.getByRole('searchbox', { name: 'Search for a college' }).fill('tokyo');
  await expect(page.getByRole('status').filter({ hasText: 'found' })).toHaveText('2 colleges found');
  await expect.poll(() => markersOnMap(page)).toBe(await listedCount(page));
  // Map scripts, styles and country shapes all came from our own origin.
  expect(foreign).toEqual([]);
});

test('map code and shapes load only when the map is first shown', async ({ page }) => {
  const mapFiles: string[] = [];
  page.on('request', (req) => { if (req.url().includes('/vendor/map/')) mapFiles.push(req.url()); });
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto('/colleges');
  await appReady(page);
  await expect(page.getByRole('status').filter({ hasText: 'found' })).toHaveText('120 colleges found');
  expect(mapFiles).toEqual([]);
  await page.getByRole('button', { name: 'Map', exact: true }).click();
  await expect(page.locator('.results-map .map')).toHaveAttribute('data-state', 'ready');
  await expect.poll(() => mapFiles.some((u) => u.endsWith('/leaflet.js'))).toBe(true);
  await expect.poll(() => mapFiles.some((u) => u.endsWith('/countries.json'))).toBe(true);
});

test('a map without tiles names its places, fills its width, has no stray bands, and mirrors in Arabic', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto('/colleges');
  await appReady(page);
  await showMap(page);
  const map = page.locator('.results-map .map');
  await expect.poll(() => markersOnMap(page)).toBe(120);
  // The world fills the phone's width rather than sitting small in it.
  const width = await map.evaluate((el) => el.clientWidth);
  const zoom = Number(await map.getAttribute('data-zoom'));
  expect(256 * 2 ** zoom).toBeGreaterThanOrEqual(0.9 * width);
  // Names of the largest places in view, from our own gazetteer.
  await expect.poll(async () => Number(await map.getAttribute('data-places'))).toBeGreaterThan(3);
  await expect(map.locator('.map-place-label').first()).toBeVisible();
  await expectNoAxeViolations(page);

  // Shapes that cross the antimeridian are drawn whole, not as bands
  // across the world: every country but Antarctica spans less than half
  // of it once unwrapped (the bundled shapes do cross it).
  const spans = await page.evaluate(async () => {
    const { unwrap } = await import('/map/draw.js');
    const topo = await (await fetch('/vendor/map/world-atlas/countries.json')).json();
    const widest = (fc: any) => {
      let max = 0;
      for (const f of fc.features) {
        if (f.properties?.name === 'Antarctica' || !f.geometry) continue;
        const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
        for (const polygon of polygons) for (const ring of polygon) {
          const lons = ring.map((p: number[]) => p[0]);
          max = Math.max(max, Math.max(...lons) - Math.min(...lons));
        }
      }
      return max;
    };
    const raw = (window as any).topojson.feature(topo, topo.objects.countries);
    const before = widest(raw);
    return { before, after: widest(unwrap(raw)) };
  });
  expect(spans.before).toBeGreaterThan(300);
  expect(spans.after).toBeLessThan(180);

  // A college's small map names its town.
  await page.goto('/colleges/recovery-college-bern');
  await appReady(page);
  await page.locator('.map-small').scrollIntoViewIfNeeded();
  await expect(page.locator('.map-small')).toHaveAttribute('data-state', 'ready');
  await expect(page.locator('.map-small .map-place-label', { hasText: /^Bern$/ })).toBeVisible();

  // Right to left: the zoom buttons on the right, as the page mirrors.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/colleges?lang=ar');
  await appReady(page);
  await expect(map).toHaveAttribute('data-state', 'ready');
  const zoomControl = map.locator('.leaflet-control-zoom');
  await expect(zoomControl).toBeVisible();
  const [box, mapBox] = [await zoomControl.boundingBox(), await map.boundingBox()];
  expect(box!.x).toBeGreaterThan(mapBox!.x + mapBox!.width / 2);
  await expectNoAxeViolations(page);
});

test("a college's map loads only when scrolled near", async ({ page }) => {
  const mapFiles: string[] = [];
  page.on('request', (req) => { if (req.url().includes('/vendor/map/')) mapFiles.push(req.url()); });
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto('/colleges/recovery-college-bern');
  await appReady(page);
  await expect(page.getByRole('heading', { level: 2, name: 'Where this information comes from' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(mapFiles).toEqual([]);
  await expect(page.locator('.map-small')).toHaveAttribute('data-state', 'loading');
  await page.locator('.map-small').scrollIntoViewIfNeeded();
  await expect(page.locator('.map-small')).toHaveAttribute('data-state', 'ready');
  expect(mapFiles.some((u) => u.endsWith('/leaflet.js'))).toBe(true);
});

test('a marker opens a popup whose link opens the college', async ({ page }) => {
  await page.goto('/colleges?country=CH');
  await appReady(page);
  await showMap(page);
  await expect.poll(() => markersOnMap(page)).toBe(2);
  await page.getByRole('button', { name: 'Recovery College Bern' }).click();
  const popup = page.locator('.leaflet-popup');
  await expect(popup).toContainText('Recovery College Bern');
  await expect(popup).toContainText('Bern, Switzerland');
  // By the keyboard: a pointer aimed while the map pans the popup into
  // view (and its place names are redrawn) can land where it was.
  await popup.getByRole('link', { name: "Open this college's page" }).press('Enter');
  await expect(page).toHaveURL(/\/colleges\/recovery-college-bern$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Recovery College Bern');
  // The college's own page has a small map of its location, drawn when
  // scrolled near.
  await page.locator('.map-small').scrollIntoViewIfNeeded();
  await expect(page.locator('.map-small')).toHaveAttribute('data-state', 'ready');
  await expect.poll(() => markersOnMap(page, '.map-small')).toBe(1);
  await expectNoAxeViolations(page);
});

test('keyboard: clusters zoom with Enter and focus can leave the map', async ({ page }) => {
  await page.goto('/colleges?country=GB');
  await appReady(page);
  await showMap(page);
  await expect.poll(() => markersOnMap(page)).toBe(61);
  const cluster = page.locator('.college-cluster').first();
  await cluster.focus();
  const zoomBefore = await page.locator('.results-map .map .leaflet-proxy').getAttribute('style');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('.results-map .map .leaflet-proxy').getAttribute('style')).not.toBe(zoomBefore);
  // Zoom buttons work without dragging.
  await expect(page.getByRole('button', { name: 'Zoom in', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Zoom out', exact: true }).click();
  // No keyboard trap: tabbing on from the map reaches something after it.
  await page.locator('.results-map .map').focus();
  let left = false;
  for (let i = 0; i < 80 && !left; i++) {
    await page.keyboard.press('Tab');
    left = await page.evaluate(() => !document.querySelector('.results-map')!.contains(document.activeElement));
  }
  expect(left).toBe(true);
});

test.describe('near me, allowed', () => {
  test.use({ permissions: ['geolocation'], geolocation: { latitude: 53.7965, longitude: -1.5478 } });

  test('sorts by distance from the browser location', async ({ page }) => {
    await page.goto('/colleges');
    await appReady(page);
    await page.getByRole('button', { name: 'Use my location' }).click();
    await expect(page).toHaveURL(/near=53\.8%2C-1\.55.*sort=distance/);
    await expect(page.getByText('Sorted by distance from your location')).toBeVisible();
    // The results, not the button, have focus, and are in view.
    await expect(page.locator('#results-heading')).toBeFocused();
    await expect(page.locator('#results-heading')).toBeInViewport();
    const names = await listedNames(page);
    // Leeds itself, then the three about 13 km away.
    expect(names[0]).toBe('Leeds Recovery College');
    expect(names.slice(1, 4).sort()).toEqual(['Kirklees Recovery College', 'Restore Recovery College', 'Wakefield Recovery and Wellbeing College']);
    const distances = await page.locator('.college-distance').allInnerTexts();
    // Leeds is placed at its town centre, which is where we are: it is
    // close by, not "0.0 miles away". Kirklees is placed at the centre of
    // the area it serves, 13 km off: said the same way.
    expect(distances[0]).toBe('Close to you: Leeds');
    expect(distances).toContain('Close to you: Dewsbury');
    for (const d of distances) {
      expect(d).toMatch(/^(Close to you: .+|About [1-9][\d,]* (km|miles?) away)$/);
    }
    const values = distances.filter((d) => d.startsWith('About')).map((d) => parseFloat(d.slice(6).replace(/,/g, '')));
    expect(values.length).toBeGreaterThan(5);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    await showFilters(page);
    await expect(page.getByLabel('Sort by')).toHaveValue('distance');
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Stop sorting by distance' }).click();
    await expect(page).toHaveURL(/\/colleges$/);
    await expect(page.locator('.college-distance')).toHaveCount(0);
  });
});

test('near me, refused: a plain message and the place search instead', async ({ page }) => {
  await page.goto('/colleges');
  await appReady(page);
  await page.getByRole('button', { name: 'Use my location' }).click();
  await expect(page.getByText('We could not get your location. You can type a town or city instead.')).toBeVisible();
  await expect(page.getByLabel('Or type a town or city')).toBeFocused();
  await expect(page).toHaveURL(/\/colleges$/);
});

test('near a place: suggestions from our own gazetteer, then nearest first', async ({ page, baseURL }) => {
  const foreign = watchForeignRequests(page, baseURL!);
  await page.goto('/colleges');
  await appReady(page);
  await page.getByLabel('Or type a town or city').fill('stuttg');
  const suggestion = page.getByRole('button', { name: 'Stuttgart, Germany' });
  await expect(suggestion).toBeVisible();
  await expectNoAxeViolations(page);
  await suggestion.click();
  await expect(page).toHaveURL(/place=Stuttgart%2C\+Germany/);
  await expect(page.getByText('Sorted by distance from Stuttgart, Germany')).toBeVisible();
  await expect(page.locator('#results-heading')).toBeFocused();
  await expect(page.locator('#results-heading')).toBeInViewport();
  const names = await listedNames(page);
  // Stuttgart itself, then Günzburg (about 90 km), then St. Gallen (about 150 km).
  expect(names.slice(0, 3)).toEqual(['Recovery College Stuttgart', 'Recovery College Günzburg', 'Recovery College St. Gallen']);

  // The place lives in the URL: a reload keeps it.
  await page.reload();
  await expect(page.getByText('Sorted by distance from Stuttgart, Germany')).toBeVisible();
  await expect(page.locator('.college-list .college-name').first()).toHaveText(names[0]);
  expect((await listedNames(page)).slice(0, 3)).toEqual(names.slice(0, 3));
  expect(foreign).toEqual([]);

  await page.getByLabel('Or type a town or city').fill('qqqqxx');
  await expect(page.getByText('No towns or cities match.')).toBeVisible();
});
