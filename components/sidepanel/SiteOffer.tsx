import { type SiteAccessModel, siteAccessMessages } from './site-access-model';

/**
 * Under "no note from this tab": read notes on the active tab's site (one click: the browser asks for
 * access, then the reader starts), or go to the options page to add the site. Text only.
 */
export function SiteOffer({ model, onEnabled }: { model: SiteAccessModel; onEnabled: () => void }) {
  const offer = model.offer.value;
  const message = model.message.value;
  if (!offer && !message) return null;
  return (
    <div class="site-offer">
      {offer?.kind === 'enable' ? (
        <>
          <button
            type="button"
            disabled={model.busy.value}
            aria-describedby="site-offer-help"
            // The permission prompt needs this click: the model asks before awaiting anything.
            onClick={() => void model.enable(offer.origin, onEnabled)}
          >
            {siteAccessMessages.enable(offer.origin)}
          </button>
          <p id="site-offer-help" class="help">
            {siteAccessMessages.enableHelp}
          </p>
        </>
      ) : offer?.kind === 'enabled' ? (
        <p class="help">{siteAccessMessages.enabledHelp(offer.origin)}</p>
      ) : offer?.kind === 'options' ? (
        <>
          <button type="button" class="secondary" aria-describedby="site-offer-help" onClick={() => void model.openSettings()}>
            {siteAccessMessages.options}
          </button>
          <p id="site-offer-help" class="help">
            {siteAccessMessages.optionsHelp}
          </p>
        </>
      ) : null}
      {message ? (
        <p role={message.tone === 'error' ? 'alert' : 'status'} class={message.tone === 'error' ? 'error site-offer-message' : 'site-offer-message'}>
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
