// Partner Desk on Azure App Service (Linux, Node 20) with a user-assigned managed identity as the bot's
// identity (no secret to rotate), registered as an Azure Bot on the Teams channel.
@maxLength(20)
@minLength(4)
@description('Prefix of every resource name in this file')
param resourceBaseName string

@description('App Service plan SKU; B1 or above keeps the bot always on')
param webAppSku string = 'B1'

@maxLength(42)
param botDisplayName string

param location string = resourceGroup().location

@description('OTLP/HTTP collector for traces and metrics; empty: telemetry off')
param otlpEndpoint string = ''

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  location: location
  name: resourceBaseName
}

// One instance: the embedded store is a file that one process owns (a second one is refused).
resource serverfarm 'Microsoft.Web/serverfarms@2022-09-01' = {
  kind: 'linux'
  location: location
  name: resourceBaseName
  sku: {
    name: webAppSku
    capacity: 1
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2022-09-01' = {
  kind: 'app,linux'
  location: location
  name: resourceBaseName
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'node dist/src/index.js'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      healthCheckPath: '/healthz'
      appSettings: [
        {
          // /home is the App Service's persistent, writable share: the store survives restarts and deploys.
          name: 'WEBSITES_ENABLE_APP_SERVICE_STORAGE'
          value: 'true'
        }
        {
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'false'
        }
        {
          name: 'NODE_ENV'
          value: 'production'
        }
        {
          name: 'MicrosoftAppType'
          value: 'UserAssignedMSI'
        }
        {
          name: 'MicrosoftAppId'
          value: identity.properties.clientId
        }
        {
          name: 'MicrosoftAppTenantId'
          value: identity.properties.tenantId
        }
        {
          name: 'PUBLIC_URL'
          value: 'https://${resourceBaseName}.azurewebsites.net'
        }
        {
          name: 'STORE_FILE'
          value: '/home/data/partner-desk.json'
        }
        {
          name: 'OTEL_EXPORTER_OTLP_ENDPOINT'
          value: otlpEndpoint
        }
      ]
    }
  }
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
}

module azureBotRegistration './botRegistration/azurebot.bicep' = {
  name: 'Azure-Bot-registration'
  params: {
    resourceBaseName: resourceBaseName
    botDisplayName: botDisplayName
    identityResourceId: identity.id
    identityClientId: identity.properties.clientId
    identityTenantId: identity.properties.tenantId
    botAppDomain: webApp.properties.defaultHostName
  }
}

// Written to env/.env.<environment> by the toolkit's arm/deploy.
output AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
